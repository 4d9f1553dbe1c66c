/** The image checks read image names through the model's one parser (src/model/image-name.ts). */
export { splitImageName as parseImageRef, type ImageName as ImageRef } from '../../model/image-name.js';
