import { SNSClient } from '@aws-sdk/client-sns';

export const TOPIC_ARN = 'arn:aws:sns:ap-southeast-1:123456789012:lightsail-guard-alerts';

/** The real SNS client pointed at a fake, with fake credentials and no waiting between retries. */
export function snsClient(endpoint: string, region = 'ap-southeast-1'): SNSClient {
  return new SNSClient({
    region,
    endpoint,
    credentials: { accessKeyId: 'AKIDFAKESNSNOTREAL', secretAccessKey: 'fake-secret-not-real' },
  });
}
