/** A pointer to the API: this example has no passkey page of its own (see examples/demo). */
export default function Home() {
  return (
    <main>
      <h1>Passkeys in Next.js</h1>
      <p>
        The passkey routes live under <code>/api/passkeys</code>; <code>POST /api/login</code> with{' '}
        <code>{'{ "username": "alice" }'}</code> is a placeholder sign-in. See the example&apos;s README.
      </p>
    </main>
  );
}
