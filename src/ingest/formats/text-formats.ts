import type { LogFormat } from '../../types.js';

/** Line-oriented text formats (CLF family, ALB, ELB, CloudFront, IIS, HAProxy, Envoy text, Tyk logfmt). */
export const textFormats: readonly LogFormat[] = [];
