import type { ReactNode } from 'react';

export const metadata = { title: 'Passkeys in Next.js' };

/** The root layout the App Router requires. */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
