/**
 * What the image rules (src/checks/images/image-*.ts, subject `image`) read of one image: its config and a few
 * files of its merged filesystem. Pure data: the image source fills it, the tests and examples write it by hand.
 */
export interface ImageCheckInput {
  /** The image as the user named it; findings are located in it. */
  reference: string;
  config: {
    User?: string;
    Env?: string[] | null;
    Healthcheck?: { Test?: string[] | null } | null;
  };
  /** Contents of /etc/shadow and /etc/passwd when the image has them. */
  shadow?: string;
  passwd?: string;
  /** Regular files with the setuid or setgid bit, as /paths. */
  suidFiles: { path: string; mode: number }[];
}
