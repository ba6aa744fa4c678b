import { Injectable } from '@angular/core';
import { InstitutionConfig } from '../domain/institution-config';
import { LENDER_STATES_MAX_IDS, LenderMessage, LenderState } from '../domain/lender-message';
import { ProxyClientService } from './proxy-client.service';

/**
 * Reads what lenders sent to the library's ISO 18626 endpoint, which this project's proxy hosts and
 * stores (docs/contracts.md, "Proxy API for the app"). Only in `own` proxy mode: the Ex Libris
 * hosted proxy keeps nothing. Every method rejects with a `WorldShareError`.
 */
@Injectable({ providedIn: 'root' })
export class LenderInboxService {
  constructor(private readonly proxy: ProxyClientService) {}

  /** Whether this configuration has an inbox to read (the project's own proxy). */
  available(config: InstitutionConfig): boolean {
    return config.proxy.mode === 'own';
  }

  /** Every stored lender message about one WorldShare request, oldest first. */
  async messages(config: InstitutionConfig, worldShareRequestId: string): Promise<LenderMessage[]> {
    const answer = await this.proxy.callProxy<{ messages?: LenderMessage[] }>(config, {
      method: 'GET',
      path: `/bridge/lender-messages/${encodeURIComponent(worldShareRequestId)}`,
    });
    return Array.isArray(answer?.messages) ? answer.messages : [];
  }

  /**
   * The latest lender state of many WorldShare requests, one proxy call per 1,000 ids. Ids with no
   * stored message are absent from the result.
   */
  async states(
    config: InstitutionConfig,
    worldShareRequestIds: readonly string[],
  ): Promise<Map<string, LenderState>> {
    const out = new Map<string, LenderState>();
    const ids = [...new Set(worldShareRequestIds)];
    for (let i = 0; i < ids.length; i += LENDER_STATES_MAX_IDS) {
      const answer = await this.proxy.callProxy<{ states?: Record<string, LenderState> }>(config, {
        method: 'POST',
        path: '/bridge/lender-states',
        body: { worldShareRequestIds: ids.slice(i, i + LENDER_STATES_MAX_IDS) },
      });
      for (const [id, state] of Object.entries(answer?.states ?? {})) out.set(id, state);
    }
    return out;
  }
}
