import { SalesTile } from '../SalesTile';

// The same tile without a server prefetch: it renders empty on the server and loads in the browser.
export default function ClientOnlyPage() {
  return (
    <>
      <h1>Sales (client only)</h1>
      <SalesTile />
    </>
  );
}
