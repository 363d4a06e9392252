/** Types for the two CommonJS packages of the local job engine that ship none (only what is used). */
declare module '@20minutes/s3rver' {
  const S3rver: unknown;
  export default S3rver;
}

declare module 'asl-validator' {
  /** Validates an Amazon States Language definition (and fills in defaults on the object it is given). */
  export default function aslValidator(definition: unknown): {
    isValid: boolean;
    errorsText(separator?: string): string;
  };
}
