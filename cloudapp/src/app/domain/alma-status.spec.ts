import type { AlmaBorrowingRequest } from './alma-request';
import {
  almaStatusOf,
  existingPartnerLink,
  isClosedInAlma,
  isExportableAlmaStatus,
  isExportedToWorldShare,
} from './alma-status';
import { caseById } from './testing/cases';
import { configuredInstitution } from './testing/institution';

const config = configuredInstitution();

function request(overrides: Partial<AlmaBorrowingRequest>): AlmaBorrowingRequest {
  return {
    request_id: '1',
    status: { value: 'REQUEST_SENT' },
    partner: { value: 'WSILL' },
    external_id: '187654321',
    ...overrides,
  };
}

describe('alma-status', () => {
  describe('isExportedToWorldShare', () => {
    it('needs the WorldShare partner code and a WorldShare id (case 06)', () => {
      expect(isExportedToWorldShare(caseById('06').alma_request, config)).toBeTrue();
      expect(isExportedToWorldShare(request({}), config)).toBeTrue();
      expect(
        isExportedToWorldShare(
          request({ partner: { value: 'wsill', desc: 'WorldShareILL' } }),
          config,
        ),
      ).toBeTrue();
    });

    it('is false with another partner, no partner, or no id', () => {
      expect(isExportedToWorldShare(request({ partner: { value: 'RAPID' } }), config)).toBeFalse();
      expect(isExportedToWorldShare(request({ partner: null }), config)).toBeFalse();
      expect(isExportedToWorldShare(request({ external_id: null }), config)).toBeFalse();
      expect(isExportedToWorldShare(request({ external_id: '  ' }), config)).toBeFalse();
      expect(isExportedToWorldShare(caseById('01').alma_request, config)).toBeFalse();
    });

    it('follows the configured partner code and never matches an empty one', () => {
      expect(
        isExportedToWorldShare(request({ partner: { value: 'OCLC' } }), {
          ...config,
          almaPartnerCode: 'OCLC',
        }),
      ).toBeTrue();
      expect(
        isExportedToWorldShare(request({ partner: { value: '' } }), {
          ...config,
          almaPartnerCode: '',
        }),
      ).toBeFalse();
    });
  });

  describe('existingPartnerLink', () => {
    it('names the WorldShare link or any external id, else null', () => {
      expect(existingPartnerLink(request({}), config)).toBe('WSILL 187654321');
      expect(existingPartnerLink(request({ external_id: null }), config)).toBe('WSILL');
      expect(
        existingPartnerLink(request({ partner: { value: 'RAPID' }, external_id: 'R-9' }), config),
      ).toBe('R-9');
      expect(
        existingPartnerLink(request({ partner: { value: 'RAPID' }, external_id: null }), config),
      ).toBeNull();
      expect(existingPartnerLink(caseById('08').alma_request, config)).toBeNull();
    });
  });

  describe('status lists', () => {
    it('reads the status code in upper case, or empty', () => {
      expect(almaStatusOf(request({ status: { value: 'ready_to_send' } }))).toBe('READY_TO_SEND');
      expect(almaStatusOf(request({ status: null }))).toBe('');
    });

    it('knows which statuses may be exported', () => {
      expect(isExportableAlmaStatus(caseById('01').alma_request)).toBeTrue();
      expect(isExportableAlmaStatus(caseById('08').alma_request)).toBeTrue();
      expect(isExportableAlmaStatus(caseById('06').alma_request)).toBeFalse();
      expect(isExportableAlmaStatus(caseById('09').alma_request)).toBeFalse();
      expect(isExportableAlmaStatus(request({ status: { value: 'MYSTERY' } }))).toBeFalse();
    });

    it('knows which statuses are over in Alma', () => {
      expect(isClosedInAlma(caseById('09').alma_request)).toBeTrue();
      expect(isClosedInAlma(request({ status: { value: 'REQUEST_COMPLETED' } }))).toBeTrue();
      expect(isClosedInAlma(request({ status: { value: 'REQUEST_SENT' } }))).toBeFalse();
      expect(isClosedInAlma(request({ status: { value: 'MYSTERY' } }))).toBeFalse();
      expect(isClosedInAlma(request({ status: null }))).toBeFalse();
    });
  });
});
