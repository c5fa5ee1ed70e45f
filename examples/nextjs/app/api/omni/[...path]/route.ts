import { proxy } from '../../../../lib/omniProxy';

export { proxy as GET, proxy as POST };
