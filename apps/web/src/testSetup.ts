import { configure } from '@testing-library/react';

// `findBy…`/`waitFor` give up after 1 s by default; with the whole suite on two busy cores a
// render plus a stubbed fetch can take longer than that. Waiting longer changes no outcome:
// a test whose element never appears still fails.
configure({ asyncUtilTimeout: 5_000 });
