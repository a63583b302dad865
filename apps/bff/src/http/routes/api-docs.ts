import { type Request, Router } from 'express';
import type { oas31 } from 'zod-openapi';
import type { AppDeps } from '../app-deps.js';
import { AppError } from '../app-error.js';
import { openApiDocument } from '../openapi.js';

const html = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** A readable page of the document: every operation, who may call it, its parameters and answers. No script. */
function docsPage(document: oas31.OpenAPIObject): string {
  const sections: string[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const [method, op] of Object.entries(item as Record<string, oas31.OperationObject>)) {
      const roles = (op as { 'x-roles'?: unknown })['x-roles'];
      const params = (op.parameters ?? []) as oas31.ParameterObject[];
      const body = (op.requestBody as oas31.RequestBodyObject | undefined)?.content?.['application/json']
        ?.schema;
      const responses = Object.entries(op.responses ?? {}).map(
        ([status, r]) => `<li><code>${status}</code> ${html((r as oas31.ResponseObject).description)}</li>`,
      );
      sections.push(`<section>
  <h2><span class="method">${method.toUpperCase()}</span> <code>${html(path)}</code></h2>
  <p>${html(op.summary ?? '')}</p>
  <p class="roles">Who: ${html(Array.isArray(roles) ? roles.join(', ') : String(roles))}</p>
  ${params.length ? `<table><thead><tr><th>parameter</th><th>in</th><th>schema</th></tr></thead><tbody>${params.map((p) => `<tr><td><code>${html(p.name)}</code></td><td>${p.in}</td><td><code>${html(JSON.stringify(p.schema))}</code>${p.description ? ` ${html(p.description)}` : ''}</td></tr>`).join('')}</tbody></table>` : ''}
  ${body ? `<details><summary>Request body (JSON)</summary><pre>${html(JSON.stringify(body, null, 2))}</pre></details>` : ''}
  <ul>${responses.join('')}</ul>
</section>`);
    }
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${html(document.info.title)} ${html(document.info.version)}</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1a1f2b; }
  h2 { font-size: 1.05rem; margin: 2rem 0 .25rem; } .method { color: #1d5fc1; } .roles { color: #555; }
  table { border-collapse: collapse; width: 100%; font-size: .85rem; } td, th { border-bottom: 1px solid #ddd; padding: .25rem .5rem; text-align: left; vertical-align: top; }
  code, pre { font: .85rem ui-monospace, monospace; overflow-wrap: anywhere; } pre { white-space: pre-wrap; background: #f4f6fa; padding: .5rem; }
</style></head>
<body><h1>${html(document.info.title)} <small>${html(document.info.version)}</small></h1>
<p>${html(document.info.description ?? '')}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).</p>
${sections.join('\n')}
</body></html>`;
}

export function apiDocsRouter({ version, mode }: AppDeps): Router {
  const router = Router();
  const document = openApiDocument(version, mode);
  const page = docsPage(document);
  const signedIn = (req: Request) => {
    if (!req.user)
      throw new AppError(
        401,
        'unauthenticated',
        'Sign in first: POST /api/session with your user name and password',
      );
  };
  router.get('/openapi.json', (req, res) => {
    signedIn(req);
    res.json(document);
  });
  router.get('/docs', (req, res) => {
    signedIn(req);
    res.type('html').send(page);
  });
  return router;
}
