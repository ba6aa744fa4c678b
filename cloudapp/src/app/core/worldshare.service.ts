import { Injectable } from '@angular/core';
import { InstitutionConfig } from '../domain/institution-config';
import { IllRequestEnvelope, WorldShareRequestView, parseIllRequestResponse } from '../domain/worldshare-request';
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

  /** Creates an ILL request. The body must come from `buildIllRequest` (citation only). */
  async createRequest(config: InstitutionConfig, body: IllRequestEnvelope): Promise<WorldShareRequestView> {
    const answer = await this.proxy.send<unknown>(config, { method: 'POST', url: illUrl(config), body, contentType: 'application/json' });
    return parseIllRequestResponse(answer);
  }

  /** Reads one ILL request by WorldShare request id. */
  async getRequest(config: InstitutionConfig, requestId: string): Promise<WorldShareRequestView> {
    const answer = await this.proxy.send<unknown>(config, { method: 'GET', url: `${illUrl(config)}/${encodeURIComponent(requestId)}` });
    return parseIllRequestResponse(answer);
  }

  /**
   * Finds ILL requests created with this reference id (our Alma request id). Assumed search
   * (`GET /ILL/request/data?referenceId=`); used to prove an export did not already happen.
   */
  async findByReferenceId(config: InstitutionConfig, referenceId: string): Promise<WorldShareRequestView[]> {
    const answer = await this.proxy.send<unknown>(config, {
      method: 'GET',
      url: `${illUrl(config)}?referenceId=${encodeURIComponent(referenceId)}`,
    });
    const list = (answer as { response?: { illRequests?: unknown[] } })?.response?.illRequests;
    return Array.isArray(list) ? list.map((r) => parseIllRequestResponse({ response: { illRequest: r } })) : [];
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
