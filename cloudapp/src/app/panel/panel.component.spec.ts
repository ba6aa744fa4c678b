import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';
import { LenderInboxService } from '../core/lender-inbox.service';
import {
  CloudAppEventsService,
  CloudAppStoreService,
  Entity,
  EntityType,
} from '@exlibris/exl-cloudapp-angular-lib';
import { TranslateModule } from '@ngx-translate/core';
import { BehaviorSubject, NEVER, Observable, of, throwError } from 'rxjs';
import { AlmaService } from '../core/alma.service';
import { InstitutionConfigService } from '../core/institution-config.service';
import { UserSettingsService } from '../core/user-settings.service';
import { WorldShareService } from '../core/worldshare.service';
import { repairUserSettings } from '../domain/user-settings';
import { AlmaBorrowingRequest } from '../domain/alma-request';
import { repairInstitutionConfig } from '../domain/institution-config';
import { PanelComponent } from './panel.component';

const entity = (id: string, title: string): Entity => ({
  id,
  type: EntityType.BORROWING_REQUEST,
  link: `/users/P1/resource-sharing-requests/${id}`,
  description: title,
});

const record = (
  id: string,
  title: string,
  extra: Partial<AlmaBorrowingRequest> = {},
): AlmaBorrowingRequest =>
  ({
    request_id: id,
    title,
    author: 'Kuhn, Thomas S.',
    status: { value: 'READY_TO_SEND', desc: 'Ready to be sent' },
    format: { value: 'PHYSICAL', desc: 'Physical' },
    citation_type: { value: 'BK', desc: 'Book' },
    partner: null,
    external_id: null,
    last_interest_date: '2099-12-31Z',
    ...extra,
  }) as AlmaBorrowingRequest;

describe('PanelComponent', () => {
  let entities$: BehaviorSubject<Entity[]>;
  let initData: Observable<unknown>;
  let records: Record<string, Observable<AlmaBorrowingRequest>>;
  let fixture: ComponentFixture<PanelComponent>;

  const q = (testId: string) =>
    Array.from(
      (fixture.nativeElement as HTMLElement).querySelectorAll(`[data-testid="${testId}"]`),
    ) as HTMLElement[];

  function create(): void {
    TestBed.configureTestingModule({
      imports: [PanelComponent, TranslateModule.forRoot()],
      providers: [
        provideNoopAnimations(),
        provideRouter([]),
        { provide: CloudAppEventsService, useValue: { entities$, getInitData: () => initData } },
        {
          provide: CloudAppStoreService,
          useValue: { get: () => of(null), set: () => of({}), remove: () => of({}) },
        },
        {
          provide: AlmaService,
          useValue: {
            getByLink: (link: string) =>
              records[link.split('/').pop()!] ?? throwError(() => ({ status: 404 })),
          },
        },
        {
          provide: InstitutionConfigService,
          useValue: { get: () => of({ ...repairInstitutionConfig({}), loadError: null }) },
        },
        {
          provide: WorldShareService,
          useValue: {
            getRequest: () => Promise.resolve({ requestId: '187654321', requestStatus: 'PENDING' }),
          },
        },
        {
          provide: LenderInboxService,
          useValue: {
            available: () => true,
            messages: () => Promise.resolve([]),
            states: () => Promise.resolve(new Map()),
          },
        },
        {
          provide: UserSettingsService,
          useValue: {
            get: () =>
              of({ settings: repairUserSettings({}).config, repaired: [], loadError: null }),
          },
        },
      ],
    });
    fixture = TestBed.createComponent(PanelComponent);
    fixture.detectChanges();
  }

  beforeEach(() => {
    entities$ = new BehaviorSubject<Entity[]>([]);
    initData = of({ user: { primaryId: 'staff-1' }, lang: 'en', urls: {} });
    records = {};
  });

  it('shows one borrowing request with its citation, status and partner', async () => {
    records['1'] = of(
      record('1', 'The Structure of Scientific Revolutions', {
        partner: { value: 'WSILL', desc: 'WorldShareILL' },
        external_id: '187654321',
        status: { value: 'REQUEST_SENT', desc: 'Request sent to partner' },
      }),
    );
    entities$.next([entity('1', 'The Structure of Scientific Revolutions')]);
    create();
    await fixture.whenStable();
    fixture.detectChanges();
    const cards = q('request-card');
    expect(cards.length).toBe(1);
    expect(cards[0].getAttribute('data-request-id')).toBe('1');
    expect(q('citation-title')[0].textContent).toContain('The Structure of Scientific Revolutions');
    expect(q('status-alma')[0].textContent!.trim()).toBe('Request sent to partner');
    expect(q('partner')[0].textContent!.trim()).toBe('WorldShareILL');
    expect(q('status-worldshare')[0].textContent).toContain('#187654321');
    expect(q('action-export').length).toBe(0);
  });

  it('lists every borrowing request of a task list', async () => {
    records['1'] = of(record('1', 'First'));
    records['2'] = of(record('2', 'Second'));
    records['3'] = of(record('3', 'Third'));
    entities$.next([entity('1', 'First'), entity('2', 'Second'), entity('3', 'Third')]);
    create();
    await fixture.whenStable();
    fixture.detectChanges();
    expect(q('request-card').map((c) => c.getAttribute('data-request-id'))).toEqual([
      '1',
      '2',
      '3',
    ]);
    expect(q('action-export').length).toBe(0);
  });

  it('draws a long task list a page at a time (the user\'s page size), with "show more"', async () => {
    const many = Array.from({ length: 120 }, (_, i) => String(i + 1));
    for (const id of many) records[id] = of(record(id, `Title ${id}`));
    entities$.next(many.map((id) => entity(id, `Title ${id}`)));
    create();
    await fixture.whenStable();
    fixture.detectChanges();
    expect(q('request-card').length).toBe(50);
    q('show-more')[0].click();
    fixture.detectChanges();
    expect(q('request-card').length).toBe(100);
    q('show-more')[0].click();
    fixture.detectChanges();
    expect(q('request-card').length).toBe(120);
    expect(q('show-more').length).toBe(0);
    // Every request was read once, drawn or not (bulk work covers them all).
    expect(
      fixture.componentInstance.store.items().filter((i) => i.state.kind === 'loaded').length,
    ).toBe(120);
  });

  it('ignores entities that are not borrowing requests', async () => {
    entities$.next([{ id: '9', type: EntityType.USER, link: '/users/9', description: 'A user' }]);
    create();
    await fixture.whenStable();
    fixture.detectChanges();
    expect(q('request-card').length).toBe(0);
    expect(q('hint').length).toBe(1);
  });

  it('shows a hint, not an error, when no request is open', async () => {
    create();
    await fixture.whenStable();
    fixture.detectChanges();
    expect(q('hint').length).toBe(1);
    expect(q('error').length).toBe(0);
  });

  it('links to the settings, help and configuration pages', () => {
    create();
    expect(q('nav-settings')[0].getAttribute('href')).toBe('/settings');
    expect(q('nav-help')[0].getAttribute('href')).toBe('/help');
    expect(q('nav-config')[0].getAttribute('href')).toBe('/config');
  });

  it('waits, without a hint, while Alma has not said which page is open', () => {
    initData = NEVER;
    create();
    expect(q('waiting').length).toBe(1);
    expect(q('hint').length).toBe(0);
  });

  it("shows Alma's own message and a retry when Alma fails, and the retry reloads", async () => {
    records['1'] = throwError(() => ({
      status: 500,
      error: { errorList: { error: [{ errorCode: '60001', errorMessage: 'General error.' }] } },
    }));
    entities$.next([entity('1', 'First')]);
    create();
    await fixture.whenStable();
    fixture.detectChanges();
    expect(q('error')[0].textContent).toContain('General error.');
    expect(q('error')[0].getAttribute('data-kind')).toBe('server-error');

    records['1'] = of(record('1', 'First'));
    q('action-retry')[0].click();
    await fixture.whenStable();
    fixture.detectChanges();
    expect(q('error').length).toBe(0);
    expect(q('status-alma')[0].textContent!.trim()).toBe('Ready to be sent');
  });
});
