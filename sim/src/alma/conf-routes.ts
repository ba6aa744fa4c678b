import { ALMA_CODES, AlmaApiError } from './errors.js';
import { param } from './params.js';
import type { AlmaRoute } from './route.js';

/**
 * `GET /conf/code-tables/{codeTableName}` (Alma configuration API; documented): `rest_code_table` with
 * `{name, description, row:[{code, description, enabled, default}]}` for the tables in the state
 * (RequestCancellationReasons, MandatoryBorrowingWorkflowSteps, OptionalBorrowingWorkflowSteps by seed).
 * Table names are case-sensitive, as in Alma. Unknown table: 404 with 90101 "Table does not exist."
 */
const getCodeTable: AlmaRoute = {
  method: 'GET',
  path: '/conf/code-tables/:name',
  handler: ({ state, req }) => {
    const name = param(req, 'name');
    const rows = Object.hasOwn(state.alma.codeTables, name)
      ? state.alma.codeTables[name]
      : undefined;
    if (!rows)
      throw new AlmaApiError(
        404,
        ALMA_CODES.CODE_TABLE_NOT_FOUND,
        `Table does not exist: ${name}.`,
      );
    return {
      body: {
        name,
        description: name,
        language: { value: 'en', desc: 'English' },
        row: rows.map((r) => ({
          code: r.code,
          description: r.description,
          enabled: true,
          default: false,
        })),
      },
    };
  },
};

/** Configuration routes the app uses. */
export const confRoutes: AlmaRoute[] = [getCodeTable];
