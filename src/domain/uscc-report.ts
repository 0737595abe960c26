/** One answer about a credit code: validity, its parts, and a repair when it is misread. */
import { describeUscc, repairUscc, validateUscc, type UsccRepair, type UsccValidation } from './uscc.js';

export interface UsccReport {
  input: string;
  valid: boolean;
  /** The normalised code (full-width, spaces and case fixed). */
  code: string;
  problems: { code: string; message: string; messageEn: string }[];
  parts: ReturnType<typeof describeUscc>;
  /** The unique repaired code, or null (valid input, ambiguous or unrepairable). */
  repair: string | null;
  repairStatus: UsccRepair['status'];
  candidates: string[];
  edits: string[];
}

export function usccReport(input: string): UsccReport {
  const validation: UsccValidation = validateUscc(input);
  const repair = repairUscc(input);
  return {
    input,
    valid: validation.valid,
    code: validation.code,
    problems: validation.problems.map(({ code, message, messageEn }) => ({ code, message, messageEn })),
    parts: validation.valid ? describeUscc(validation.code) : null,
    repair: repair.status === 'repaired' ? repair.code : null,
    repairStatus: repair.status,
    candidates: repair.candidates,
    edits: repair.edits,
  };
}
