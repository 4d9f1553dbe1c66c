import { SectionPage } from '../components/SectionPage';

export function Rbac() {
  return (
    <SectionPage
      title="RBAC"
      path="/api/v1/rbac"
      route="/rbac"
      matrixCaption="Subjects (rows) and the powers they hold (columns)"
      absent="Upload a scan that includes the cluster's RBAC objects to see who can do what."
    />
  );
}
