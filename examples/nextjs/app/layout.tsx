import type { ReactNode } from 'react';
import { Providers } from './providers';

export const metadata = { title: 'omni-query-hooks on Next.js' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <nav>
          <a href="/">Prefetched</a> · <a href="/streamed">Streamed</a> · <a href="/client-only">Client only</a>
        </nav>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
