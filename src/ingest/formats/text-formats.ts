import type { LogFormat } from '../../types.js';
import { albFormat } from './alb.js';
import { apacheNetneaFormat } from './apache-netnea.js';
import { apiGatewayClfFormat } from './apigateway-clf.js';
import { clfFormat } from './clf.js';
import { cloudFrontFormat } from './cloudfront.js';
import { elbClassicFormat } from './elb-classic.js';
import { envoyTextFormat } from './envoy-text.js';
import { haproxyFormat } from './haproxy.js';
import { iisW3cFormat } from './iis-w3c.js';
import { ingressNginxFormat } from './ingress-nginx.js';
import { traefikClfFormat } from './traefik-clf.js';
import { tykLogfmtFormat } from './tyk-logfmt.js';

/**
 * Line-oriented text formats (CLF family, ALB, ELB, CloudFront, IIS, HAProxy, Envoy
 * text, Tyk logfmt), most specific first: the CLF variants that extend combined
 * come before the generic `clf`, which would also accept their lines.
 */
export const textFormats: readonly LogFormat[] = [
  cloudFrontFormat,
  iisW3cFormat,
  albFormat,
  elbClassicFormat,
  haproxyFormat,
  envoyTextFormat,
  tykLogfmtFormat,
  ingressNginxFormat,
  traefikClfFormat,
  apiGatewayClfFormat,
  apacheNetneaFormat,
  clfFormat,
];
