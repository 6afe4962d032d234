import { createSqliteHarness } from '../support/harness';
import { repositoryContract } from './repository.contract';

repositoryContract('sqlite', createSqliteHarness);
