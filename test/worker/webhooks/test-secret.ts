/** The Standard Webhooks secret the webhook tests sign with (Worker secret `WEBHOOK_SECRET_TEST`), and its name. */

export const testSecretName = 'WEBHOOK_SECRET_TEST';

/** `whsec_` + base64 of 32 fixed bytes: a test key, known to the Worker under test and to the receiver. */
export const testWebhookSecret = `whsec_${btoa(String.fromCharCode(...Array.from({ length: 32 }, (_, index) => index * 7 + 1)))}`;
