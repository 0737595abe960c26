/** Template data: every optional field present (null when absent) for strict templates. */
import type { Company } from '../domain/company.js';
import { describeUscc } from '../domain/uscc.js';

export function companyContext(company: Company) {
  const parts = describeUscc(company.creditCode);
  return {
    name: company.name,
    creditCode: company.creditCode,
    legalRepresentative: company.legalRepresentative,
    address: company.address,
    contact: {
      name: company.contact.name,
      phone: company.contact.phone,
      email: company.contact.email ?? null,
      title: company.contact.title ?? null,
    },
    postalCode: company.postalCode ?? null,
    establishedOn: company.establishedOn ?? null,
    registeredCapital: company.registeredCapital ?? null,
    industry: company.industry ?? null,
    mainProducts: company.mainProducts ?? null,
    employees: company.employees ?? null,
    city: company.city ?? parts?.division.city ?? null,
    province: parts?.division.province ?? null,
    entityType: parts ? [parts.registrationAuthority.name, parts.category.name].filter(Boolean).join(' / ') : null,
  };
}
