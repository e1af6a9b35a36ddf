import type { LogFormat } from '../../types.js';
import { apiGatewayJsonFormat } from './json-apigateway.js';
import { azureApimFormat } from './json-azure-apim.js';
import { azureAppGwFormat } from './json-azure-appgw.js';
import { caddyJsonFormat } from './json-caddy.js';
import { envoyJsonFormat } from './json-envoy.js';
import { gcpHttpLbFormat } from './json-gcp.js';
import { genericJsonFormat } from './json-generic.js';
import { kongJsonFormat } from './json-kong.js';
import { nginxJsonFormat } from './json-nginx.js';
import { traefikJsonFormat } from './json-traefik.js';
import { tykJsonFormat } from './json-tyk.js';
import { csvFormat } from './csv.js';

/**
 * JSON-lines formats (gateway-specific first, generic JSON last) and CSV. The
 * order follows spec §19 so that detection ties go to the most specific format.
 */
export const jsonFormats: readonly LogFormat[] = [
  gcpHttpLbFormat,
  azureApimFormat,
  azureAppGwFormat,
  kongJsonFormat,
  traefikJsonFormat,
  caddyJsonFormat,
  tykJsonFormat,
  envoyJsonFormat,
  apiGatewayJsonFormat,
  nginxJsonFormat,
  genericJsonFormat,
  csvFormat,
];
