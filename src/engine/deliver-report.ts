import type { BillingMonth } from '../core/billing-month.js';
import { type Block, type Composed, composeMessages } from '../core/compose.js';
import { type Catalogue, catalogueFor } from '../core/i18n/index.js';
import type { ChannelFormat } from '../core/ports.js';
import {
  type PoolRow,
  REPORT_SEPARATOR,
  type ReportModel,
  type ReportRow,
  reportBlocks,
  reportSubject,
} from '../core/report.js';
import { isLastDayOf } from '../core/restart.js';
import { smsOfReport } from '../core/sms.js';
import { catalogueOf, channelsOf, type Delivery, inLanguages, preview, results, sendAll } from './send.js';
import type { GuardSettings, RegionError, RunDependencies } from './types.js';

/** Sends the daily report to every channel: every monitored instance, riskiest first. */
export async function deliverReport(input: {
  readonly deps: RunDependencies;
  readonly settings: GuardSettings;
  readonly rows: readonly ReportRow[];
  readonly pools?: readonly PoolRow[];
  readonly regionErrors: readonly RegionError[];
  readonly month: BillingMonth;
  readonly now: Date;
  readonly dryRun: boolean;
}): Promise<Delivery> {
  const { deps, settings, rows, regionErrors, month, now, dryRun } = input;
  // The month's last report says what the 1st brings, when the guard restarts what it stopped.
  const lastOfMonth = settings.restartOnNewMonth && isLastDayOf(month, now);
  const startsOnThe1st = lastOfMonth ? rows.filter((row) => row.nextMonth === 'start') : undefined;
  const model: ReportModel = {
    generatedAt: now,
    monthKey: month.key,
    rows,
    regionErrors,
    pools: input.pools ?? [],
    ...(startsOnThe1st !== undefined ? { startsOnThe1st } : {}),
  };
  const context = {
    unit: settings.allowance.unit,
    quotaPercent: settings.policy.quotaPercent,
    warnPercents: settings.policy.warnPercents,
    timeZone: settings.timeZone,
  };
  // Each block carries its own data; `ref` only numbers them for packing.
  const blocksIn = inLanguages((catalogue): Block<number>[] =>
    reportBlocks(model, context, catalogue).map((block, index) => ({ ...block, ref: index })),
  );
  const compose = (format: ChannelFormat, catalogue: Catalogue): Composed<number>[] => {
    const subject = reportSubject(model, context, catalogue);
    return composeMessages({
      blocks: blocksIn(catalogue),
      format,
      separator: REPORT_SEPARATOR,
      type: 'report',
      language: catalogue.language,
      subject: (_held, index, total) => `${subject}${total > 1 ? catalogue.part(index + 1, total) : ''}`,
      sms: () => smsOfReport(model, context, catalogue),
    });
  };
  if (dryRun) return preview(deps, (format) => compose(format, catalogueFor(settings.language)));
  const sent = (
    await Promise.all(
      channelsOf(deps).map((channel) =>
        sendAll(deps, channel, compose(channel.format, catalogueOf(settings, channel))),
      ),
    )
  ).flat();
  return results('report', sent);
}
