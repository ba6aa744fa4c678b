import { HttpClient, HttpHeaders, HttpResponse } from '@angular/common/http';
import { Observable } from 'rxjs';
import type { ProxyRequest } from '../domain/proxy-request';

/** How long one call through the proxy may take, in milliseconds. */
export const WORLDSHARE_TIMEOUT_MS = 30_000;

/**
 * Sends a request built by domain/proxy-request.ts (and `signed`) with Angular's HTTP client.
 * Emits the whole answer (status, headers, body as JSON or text per `responseType`); a non-2xx
 * answer or no answer at all (status 0) errors with Angular's `HttpErrorResponse`. No timeout:
 * callers add `WORLDSHARE_TIMEOUT_MS` around as much of their call as they mean to limit.
 */
export function sendProxyRequest<T>(
  http: HttpClient,
  request: ProxyRequest,
): Observable<HttpResponse<T>> {
  return http.request(request.method, request.url, {
    body: request.body,
    headers: new HttpHeaders(request.headers),
    observe: 'response',
    // The overloads take the response type as a literal; the request carries it as data.
    responseType: request.responseType as 'json',
  }) as Observable<HttpResponse<T>>;
}
