// S3-shaped error documents, as MinIO sends them (Code, Message, Key, BucketName, Resource,
// RequestId, HostId). Builds bodies only; knows nothing of objects, faults or sockets.
import { STATUS_CODES } from 'node:http';

export interface S3Error {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

export const S3_ERRORS = {
  noSuchKey: { status: 404, code: 'NoSuchKey', message: 'The specified key does not exist.' },
  signatureDoesNotMatch: {
    status: 403,
    code: 'SignatureDoesNotMatch',
    message:
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
  },
  // S3 reports an expired presigned URL as AccessDenied with exactly this message.
  expired: { status: 403, code: 'AccessDenied', message: 'Request has expired' },
  methodNotAllowed: {
    status: 405,
    code: 'MethodNotAllowed',
    message: 'The specified method is not allowed against this resource.',
  },
  invalidRange: { status: 416, code: 'InvalidRange', message: 'The requested range is not satisfiable' },
  preconditionFailed: {
    status: 412,
    code: 'PreconditionFailed',
    message: 'At least one of the pre-conditions you specified did not hold',
  },
  invalidUri: { status: 400, code: 'InvalidURI', message: "Couldn't parse the specified URI." },
  internal: {
    status: 500,
    code: 'InternalError',
    message: 'We encountered an internal error, please try again.',
  },
} as const satisfies Record<string, S3Error>;

const BY_STATUS: Readonly<Record<number, S3Error>> = {
  403: { status: 403, code: 'AccessDenied', message: 'Access Denied.' },
  404: S3_ERRORS.noSuchKey,
  429: { status: 429, code: 'TooManyRequests', message: 'Please reduce your request rate.' },
  500: S3_ERRORS.internal,
  502: { status: 502, code: 'BadGateway', message: 'The upstream server sent an invalid response.' },
  503: { status: 503, code: 'SlowDown', message: 'Please reduce your request rate.' },
  504: { status: 504, code: 'GatewayTimeout', message: 'The upstream server did not answer in time.' },
};

/** The error document a scripted fault status stands for (T7 retries, U5 expiry, A3 refusal). */
export function errorForStatus(status: number): S3Error {
  const reason = STATUS_CODES[status] ?? 'Error';
  return BY_STATUS[status] ?? { status, code: reason.replace(/[^A-Za-z]/g, ''), message: `${reason}.` };
}

const XML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

const escapeXml = (value: string) => value.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);

export interface ErrorContext {
  /** The object path the request named (bucket-relative, decoded); '' when it could not be parsed. */
  readonly objectPath: string;
  readonly requestId: string;
  readonly hostId: string;
}

/** The XML body of `error` for a request, with Key and BucketName when the path names an object. */
export function s3ErrorXml(error: S3Error, context: ErrorContext): string {
  const slash = context.objectPath.indexOf('/');
  const fields: [string, string][] = [
    ['Code', error.code],
    ['Message', error.message],
    ...(slash > 0
      ? ([
          ['Key', context.objectPath.slice(slash + 1)],
          ['BucketName', context.objectPath.slice(0, slash)],
        ] as [string, string][])
      : []),
    ['Resource', `/${context.objectPath}`],
    ['RequestId', context.requestId],
    ['HostId', context.hostId],
  ];
  const body = fields.map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${body}</Error>`;
}
