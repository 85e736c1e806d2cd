// The API client. The API sits beside the console: .../console/index.html calls .../manifests,
// whatever the stage prefix.
import {current} from './auth.js';

const base = new URL('../', location.href);

// ApiError carries the status and the problem document (RFC 9457) of a refused call.
export class ApiError extends Error {
  constructor(status, problem) {
    super(problemText(status, problem));
    this.status = status;
    this.problem = problem || {};
  }
}

function problemText(status, p) {
  if (!p) return 'The API answered ' + status + '.';
  let t = p.title || p.message || ('The API answered ' + status);
  if (p.detail) t += ': ' + p.detail;
  if (Array.isArray(p.errors)) t += ' ' + p.errors.map(e => (e.param || e.path || '') + ' ' + e.message).join('; ');
  return t;
}

export async function api(path, {method = 'GET', body} = {}) {
  const s = current();
  if (!s) throw new ApiError(401, {title: 'Not signed in'});
  const headers = {Authorization: 'Bearer ' + s.token, Accept: 'application/json'};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let r;
  try {
    r = await fetch(new URL(path.replace(/^\//, ''), base), {method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store', credentials: 'omit'});
  } catch (e) {
    throw new ApiError(0, {title: 'The API cannot be reached', detail: 'check the connection and try again'});
  }
  const text = await r.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  if (!r.ok) throw new ApiError(r.status, data);
  return data;
}
