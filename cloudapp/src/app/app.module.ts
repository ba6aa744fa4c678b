import { provideHttpClient, withInterceptorsFromDi } from '@angular/common/http';
import { APP_INITIALIZER, NgModule } from '@angular/core';
import { BrowserModule } from '@angular/platform-browser';
import { provideAnimations } from '@angular/platform-browser/animations';
import { CloudAppTranslateModule, InitService } from '@exlibris/exl-cloudapp-angular-lib';
import { AppRoutingModule } from './app-routing.module';
import { AppComponent } from './app.component';

@NgModule({
  declarations: [AppComponent],
  bootstrap: [AppComponent],
  imports: [BrowserModule, AppRoutingModule, CloudAppTranslateModule.forRoot()],
  providers: [
    // InitService applies Alma's language (INIT_DATA) and theme before the first page renders.
    { provide: APP_INITIALIZER, useFactory: () => () => true, deps: [InitService], multi: true },
    provideAnimations(),
    provideHttpClient(withInterceptorsFromDi()),
  ],
})
export class AppModule {}
