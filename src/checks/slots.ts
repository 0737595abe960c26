/** Upload slots: the three fixed materials, and one evidence window per indicator of 附件2. */
import { getIndicator, isIndicatorId, type IndicatorId } from '../domain/catalogue.js';
import { KIND_NAMES, type DocumentKind } from './kind.js';
import type { Slot } from './schema.js';

export const isWindow = (slot: Slot): slot is IndicatorId => isIndicatorId(slot);

/** A slot's name as the portal shows it (营业执照, 品牌建设 …); a kind's name for a kind. */
export const slotName = (slot: Slot | DocumentKind): string => (isIndicatorId(slot) ? getIndicator(slot).name : KIND_NAMES[slot]);
