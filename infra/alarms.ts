import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface GuardAlarmsProps {
  readonly fn: IFunction;
  /** Minutes between two scheduled checks. */
  readonly checkIntervalMinutes: number;
  /** Subscribed to the topic when set; AWS sends a confirmation mail first. */
  readonly email: string | undefined;
}

/**
 * The guard watching itself: a guard that fails or stops running costs money silently, so both
 * raise a CloudWatch alarm on an SNS topic the user can subscribe to.
 */
export class GuardAlarms extends Construct {
  readonly topic: sns.Topic;
  readonly errors: cloudwatch.Alarm;
  readonly notRunning: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: GuardAlarmsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', { displayName: 'lightsail-guard alarms' });
    if (props.email !== undefined) this.topic.addSubscription(new EmailSubscription(props.email));

    // A run that could not check an instance fails its invocation: one is enough to alarm. Ten
    // minutes matches the default check interval; no invocation at all is not an error.
    this.errors = new cloudwatch.Alarm(this, 'Errors', {
      alarmDescription: 'lightsail-guard: the guard failed; instances may not be checked. See its logs.',
      metric: props.fn.metricErrors({ period: Duration.minutes(10), statistic: cloudwatch.Stats.SUM }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    // No invocation for an hour (or two check intervals, when checks are rarer) means the schedule
    // or the function is broken. No data at all is exactly that case, so missing data breaches.
    const window = Math.max(60, 2 * props.checkIntervalMinutes);
    this.notRunning = new cloudwatch.Alarm(this, 'NotRunning', {
      alarmDescription: `lightsail-guard: the guard did not run for ${window} minutes; instances are not being checked.`,
      metric: props.fn.metricInvocations({
        period: Duration.minutes(window),
        statistic: cloudwatch.Stats.SUM,
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });

    const action = new SnsAction(this.topic);
    for (const alarm of [this.errors, this.notRunning]) {
      alarm.addAlarmAction(action);
      // Tell the user when it recovered, so an alarm mail is not left hanging.
      alarm.addOkAction(action);
    }
  }
}
