/** Every API route, in the order the OpenAPI document lists them. */
import type { RouteSpec } from '../route.js';
import { cancelCheckRoute, getCheckRoute, submitCheckRoute } from './checks.js';
import { pledgeRoute, summaryRoute } from './documents.js';
import { eligibilityRoute } from './eligibility.js';
import { analyzeRoute, checkRoute } from './pre-check.js';
import { catalogueRoute, creditCodeRoute } from './reference.js';
import { healthRoute, openApiRoute, readyRoute } from './service.js';

export const ROUTES: readonly RouteSpec[] = [
  analyzeRoute,
  checkRoute,
  submitCheckRoute,
  getCheckRoute,
  cancelCheckRoute,
  eligibilityRoute,
  pledgeRoute,
  summaryRoute,
  creditCodeRoute,
  catalogueRoute,
  healthRoute,
  readyRoute,
  openApiRoute,
];
