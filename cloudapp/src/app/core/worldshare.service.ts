import { Injectable } from '@angular/core';
import { InstitutionConfig } from '../domain/institution-config';
import {
  IllRequestEnvelope,
  WorldShareRequestView,
  parseIllRequestResponse,
} from '../domain/worldshare-request';
import { IsoMessage, parseIsoMessage } from '../domain/iso18626';
import { ProxyClientService } from './proxy-client.service';

/**
 * The WorldShare adapter. Paths follow OCLC's WorldShare ILL Request API workshop spec
 * (`/ILL/request/data`, documented there); the search by reference id and the ISO 18626
 * endpoint path (`config.worldshare.isoPath`) are assumed and live only here and in config.
 * Every method rejects with a `WorldShareError`.
 */
@Injectable({ providedIn: 'root' })
export class WorldShareService {
  constructor(private readonly proxy: ProxyClientService) {}

  /**
   * Creates an ILL request. The body must come from `buildIllRequest` (citation only).
   * With `idempotencyKey` (this project's proxy only; the Alma request id) the proxy creates at most
   * one WorldShare request per key and institution: a repeat gets the first answer back with
   * `replayed: true`, and OCLC is not called again (docs/contracts.md, "Proxy API for the app").
   */
  async createRequest(
    config: InstitutionConfig,
    body: IllRequestEnvelope,
    idempotencyKey?: string,
  ): Promise<{ request: WorldShareRequestView; replayed: boolean }> {
    const answer = await this.proxy.sendIdempotent<unknown>(config, {
      method: 'POST',
      url: illUrl(config),
      body,
      contentType: 'application/json',
      ...(idempotencyKey ? { idempotencyKey } : {}),
    });
    return { request: parseIllRequestResponse(answer.body), replayed: answer.replayed };
  }

  /** Reads one ILL request by WorldShare request id. */
  async getRequest(config: InstitutionConfig, requestId: string): Promise<WorldShareRequestView> {
    const answer = await this.proxy.send<unknown>(config, {
      method: 'GET',
      url: `${illUrl(config)}/${encodeURIComponent(requestId)}`,
    });
    return parseIllRequestResponse(answer);
  }

  /**
   * Finds ILL requests created with this reference id (our Alma request id). Assumed search
   * (`GET /ILL/request/data?referenceId=`), used only with the Ex Libris hosted proxy, which keeps
   * no idempotency store. Only requests whose `referenceId` equals `referenceId` exactly are
   * returned: a search that also matches prefixes, other fields or ignores the parameter must never
   * hand us another request's id.
   */
  async findByReferenceId(
    config: InstitutionConfig,
    referenceId: string,
  ): Promise<WorldShareRequestView[]> {
    const answer = await this.proxy.send<unknown>(config, {
      method: 'GET',
      url: `${illUrl(config)}?referenceId=${encodeURIComponent(referenceId)}`,
    });
    const list = (answer as { response?: { illRequests?: unknown[] } })?.response?.illRequests;
    if (!Array.isArray(list)) return [];
    const found: WorldShareRequestView[] = [];
    for (const r of list) {
      let view: WorldShareRequestView;
      try {
        view = parseIllRequestResponse({ response: { illRequest: r } });
      } catch {
        continue; // an entry without id or status cannot be reused
      }
      if (view.referenceId === referenceId) found.push(view);
    }
    return found;
  }

  /** Posts one ISO 18626 message and parses the answer (a confirmation or a lender message). */
  async sendIsoMessage(config: InstitutionConfig, xml: string): Promise<IsoMessage> {
    const base = config.worldshare.illBaseUrl.replace(/\/$/, '');
    const answer = await this.proxy.send<string>(config, {
      method: 'POST',
      url: `${base}${config.worldshare.isoPath}`,
      body: xml,
      contentType: 'application/xml',
      responseType: 'text',
    });
    return parseIsoMessage(answer);
  }
}

function illUrl(config: InstitutionConfig): string {
  return `${config.worldshare.illBaseUrl.replace(/\/$/, '')}/ILL/request/data`;
}
