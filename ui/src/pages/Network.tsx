import { SectionPage } from '../components/SectionPage';

export function Network() {
  return (
    <SectionPage
      title="Network"
      path="/api/v1/netpol"
      route="/network"
      matrixCaption="Sources (rows) and destinations (columns): what the NetworkPolicies allow"
      absent="Upload a scan that includes workloads and NetworkPolicies to see which pods can reach which."
    />
  );
}
