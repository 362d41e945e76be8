// The REST API (docs/api.md) over fetch: JSON in and out, the session cookie sent by the browser, and
// every failure turned into an ApiError whose message is the server's words (or plain words for a
// network failure), ready to show to the user.

export class ApiError extends Error {
  /**
   * @param {number} status HTTP status, 0 when the server could not be reached
   * @param {string} code the API's stable code (`slug_taken`), or network_error / bad_response
   * @param {string} message for people
   */
  constructor(status, code, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

const NETWORK_MESSAGE = 'Cannot reach the server. Check your connection and try again.';

/** The ApiError of a failed response: the JSON error body when there is one. */
export async function errorOf(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON: a proxy's error page, say.
  }
  const error = body?.error;
  if (error && typeof error.message === 'string') {
    let message = error.message;
    const retryAfter = Number(response.headers.get('Retry-After'));
    if (response.status === 429 && retryAfter > 0) message += ` (in ${retryAfter} s)`;
    return new ApiError(response.status, error.code ?? 'error', message);
  }
  const status = `${response.status} ${response.statusText ?? ''}`.trim();
  return new ApiError(response.status, 'bad_response', `The server answered ${status}. Try again in a moment.`);
}

/** The file name of a Content-Disposition header (filename*= first), or null. */
export function filenameOf(contentDisposition) {
  if (!contentDisposition) return null;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(contentDisposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // fall through to the plain parameter
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/.exec(contentDisposition);
  if (!plain) return null;
  return plain[1] !== undefined ? plain[1].replace(/\\(.)/g, '$1') : plain[2];
}

/**
 * @param {{fetchImpl?: typeof fetch, onUnauthenticated?: () => void}} options
 *   onUnauthenticated: called when a signed-in request answers 401 (the session ended elsewhere)
 */
export function createApi({ fetchImpl = (...args) => globalThis.fetch(...args), onUnauthenticated = () => {} } = {}) {
  async function send(method, path, body, { signedIn = true } = {}) {
    const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetchImpl(path, init);
    } catch {
      throw new ApiError(0, 'network_error', NETWORK_MESSAGE);
    }
    if (!response.ok) {
      const error = await errorOf(response);
      if (response.status === 401 && signedIn) onUnauthenticated(error);
      throw error;
    }
    return response;
  }

  async function json(method, path, body, options) {
    const response = await send(method, path, body, options);
    if (response.status === 204) return null;
    try {
      return await response.json();
    } catch {
      throw new ApiError(response.status, 'bad_response', 'The server sent an answer that could not be read.');
    }
  }

  return {
    get: (path, options) => json('GET', path, undefined, options),
    post: (path, body, options) => json('POST', path, body, options),
    patch: (path, body, options) => json('PATCH', path, body, options),
    put: (path, body, options) => json('PUT', path, body, options),
    delete: (path, options) => json('DELETE', path, undefined, options),
    /** POSTs and answers the body as a Blob with the file name the server suggests. */
    async download(path) {
      const response = await send('POST', path);
      let blob;
      try {
        blob = await response.blob();
      } catch {
        throw new ApiError(0, 'network_error', 'The download was cut off before it finished. Try again.');
      }
      return { blob, filename: filenameOf(response.headers.get('Content-Disposition')) };
    },
  };
}
