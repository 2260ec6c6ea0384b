/** Who may call a route: 'public' = anyone including anonymous; otherwise the listed roles only. */
export type Allowed = 'public' | ('admin' | 'proctor' | 'examiner' | 'supervisor' | 'candidate')[];

/** `'METHOD /api/path/:param'` → who may call it. Each feature keeps its own table. */
export type RoutePolicy = Record<string, Allowed>;
