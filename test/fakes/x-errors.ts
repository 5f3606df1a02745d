// The fake X API's error bodies, shaped as X answers them.

/** A route's answer: HTTP status and JSON body. */
export type Reply = { status: number; body: unknown };

/** X's problem-details error body (https://docs.x.com/x-api/fundamentals/response-codes-and-errors). */
export const problem = (status: number, title: string, detail = title): Reply => ({
  status,
  body: { title, detail, type: 'about:blank', status },
});

/** A 400 for a query parameter X does not accept. */
export const invalidRequest = (message: string): Reply => ({
  status: 400,
  body: {
    errors: [{ message }],
    title: 'Invalid Request',
    detail: 'One or more parameters to your request was invalid.',
    type: 'https://api.twitter.com/2/problems/invalid-request',
  },
});

/** An OAuth2 token endpoint error (RFC 6749 §5.2). */
export const oauthError = (error: string, error_description: string): Reply => ({
  status: 400,
  body: { error, error_description },
});
