/** The contract's enums of outbound delivery ("outbound delivery" section), registered once with type-graphql. */
import { registerEnumType } from 'type-graphql';

export enum WebhookFormat {
  JSON = 'JSON',
  WECOM_ROBOT = 'WECOM_ROBOT',
  DINGTALK_ROBOT = 'DINGTALK_ROBOT',
}

export enum DeliveryStatus {
  PENDING = 'PENDING',
  SUCCEEDED = 'SUCCEEDED',
  /** The last attempt failed; another is due at nextAttemptAt. */
  FAILED = 'FAILED',
  DEAD = 'DEAD',
}

registerEnumType(WebhookFormat, {
  name: 'WebhookFormat',
  valuesConfig: {
    JSON: { description: 'The event as JSON, signed (X-Lastmeter-Signature).' },
    WECOM_ROBOT: { description: '企业微信 group robot message.' },
    DINGTALK_ROBOT: { description: '钉钉 group robot message.' },
  },
});
registerEnumType(DeliveryStatus, {
  name: 'DeliveryStatus',
  valuesConfig: { DEAD: { description: 'Gave up after the last retry; redeliver by hand.' } },
});
