import { NgModule } from '@angular/core';
import { RouterModule, Routes } from '@angular/router';
import { PanelComponent } from './panel/panel.component';

const routes: Routes = [
  { path: '', component: PanelComponent },
  // The manifest's pages (settings, config, help) open these; loaded on demand to keep the panel small.
  {
    path: 'settings',
    loadComponent: () =>
      import('./settings/settings-page.component').then((m) => m.SettingsPageComponent),
  },
  {
    path: 'config',
    loadComponent: () =>
      import('./config/config-page.component').then((m) => m.ConfigPageComponent),
  },
  {
    path: 'help',
    loadComponent: () => import('./help/help-page.component').then((m) => m.HelpPageComponent),
  },
  { path: '**', redirectTo: '' },
];

@NgModule({
  imports: [RouterModule.forRoot(routes, { useHash: true })],
  exports: [RouterModule],
})
export class AppRoutingModule {}
