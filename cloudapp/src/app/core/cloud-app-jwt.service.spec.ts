import { TestBed, fakeAsync, tick } from '@angular/core/testing';
import { CloudAppEventsService } from '@exlibris/exl-cloudapp-angular-lib';
import { NEVER, Observable, firstValueFrom, of } from 'rxjs';
import { CloudAppJwtService } from './cloud-app-jwt.service';
import { HOST_TIMEOUT_MS, HostTimeoutError } from './host-call';

/** A JWT whose payload expires at `expSeconds` (the service only reads `exp`). */
const jwtExpiringAt = (expSeconds: number, id: string) =>
  `h.${btoa(JSON.stringify({ exp: expSeconds, jti: id })).replace(/=+$/, '')}.s`;

describe('CloudAppJwtService', () => {
  let answers: Observable<string>[];
  let asks: number;
  let service: CloudAppJwtService;

  beforeEach(() => {
    asks = 0;
    answers = [];
    TestBed.configureTestingModule({
      providers: [
        {
          provide: CloudAppEventsService,
          useValue: { getAuthToken: () => answers[asks++] ?? of('') },
        },
      ],
    });
    service = TestBed.inject(CloudAppJwtService);
  });

  it('keeps the token until a minute before it expires, then asks the host again', fakeAsync(() => {
    const inAnHour = Math.floor(Date.now() / 1000) + 3600;
    const first = jwtExpiringAt(inAnHour, '1');
    const second = jwtExpiringAt(inAnHour + 3600, '2');
    answers = [of(first), of(second)];
    let got: string[] = [];
    const take = () => service.token().subscribe((t) => (got = [...got, t]));

    take();
    tick(3600_000 - 61_000);
    take();
    expect(got).toEqual([first, first]);
    expect(asks).toBe(1);

    tick(2_000);
    take();
    expect(got).toEqual([first, first, second]);
    expect(asks).toBe(2);
  }));

  it('keeps no token it cannot read an expiry from', async () => {
    answers = [of('not-a-jwt'), of('not-a-jwt')];
    expect(await firstValueFrom(service.token())).toBe('not-a-jwt');
    expect(await firstValueFrom(service.token())).toBe('not-a-jwt');
    expect(asks).toBe(2);
  });

  it('fresh() always asks the host, and token() then uses that answer', async () => {
    const inAnHour = Math.floor(Date.now() / 1000) + 3600;
    const first = jwtExpiringAt(inAnHour, '1');
    const second = jwtExpiringAt(inAnHour, '2');
    answers = [of(first), of(second)];
    expect(await firstValueFrom(service.token())).toBe(first);
    expect(await firstValueFrom(service.fresh())).toBe(second);
    expect(await firstValueFrom(service.token())).toBe(second);
    expect(asks).toBe(2);
  });

  it('passes an empty token on as the host gave it', async () => {
    answers = [of('')];
    expect(await firstValueFrom(service.fresh())).toBe('');
  });

  it('fails with HostTimeoutError when the host does not answer', fakeAsync(() => {
    answers = [NEVER];
    let error: unknown;
    service.token().subscribe({ error: (e: unknown) => (error = e) });
    tick(HOST_TIMEOUT_MS);
    expect(error).toEqual(jasmine.any(HostTimeoutError));
  }));
});
