import { Global, Module, type OnModuleInit } from '@nestjs/common';
import { createRegistry, HttpMetrics, registerQueueGauges } from '@reelforge/observability';
import { Registry } from 'prom-client';
import { DashboardController } from './dashboard.controller.js';
import { DashboardSessions } from './dashboard-sessions.js';
import { MetricsController } from './metrics.controller.js';
import { QueueInspector } from './queue-inspector.js';

@Global()
@Module({
  controllers: [MetricsController, DashboardController],
  providers: [
    { provide: Registry, useFactory: () => createRegistry('api') },
    { provide: HttpMetrics, inject: [Registry], useFactory: (registry: Registry) => new HttpMetrics(registry) },
    QueueInspector,
    DashboardSessions,
  ],
  exports: [Registry, HttpMetrics, QueueInspector, DashboardSessions],
})
export class ObservabilityModule implements OnModuleInit {
  constructor(
    private readonly registry: Registry,
    private readonly inspector: QueueInspector,
  ) {}

  /** Queue gauges live on the API only: every worker exporting them would count each queue once per worker. */
  onModuleInit(): void {
    registerQueueGauges(this.registry, () => this.inspector.snapshot());
  }
}
