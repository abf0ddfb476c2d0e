import { InitialSchema1795240299577 } from './1795240299577-InitialSchema.js';
import { AssetFontFamily1795242937722 } from './1795242937722-AssetFontFamily.js';
import { JobControl1795243572481 } from './1795243572481-JobControl.js';
import { JobQueuePayload1795250000000 } from './1795250000000-JobQueuePayload.js';
import { JobWarnings1795260000000 } from './1795260000000-JobWarnings.js';
import { AssetAnalysis1795270000000 } from './1795270000000-AssetAnalysis.js';
import { Projects1796396927742 } from './1796396927742-Projects.js';
import { JobStderrTail1796396927743 } from './1796396927743-JobStderrTail.js';
import { AssetTranscript1796396927744 } from './1796396927744-AssetTranscript.js';

/** In order. Explicit, not globbed, so a bundle carries them. */
export const ALL_MIGRATIONS = [
  InitialSchema1795240299577,
  AssetFontFamily1795242937722,
  JobControl1795243572481,
  JobQueuePayload1795250000000,
  JobWarnings1795260000000,
  AssetAnalysis1795270000000,
  Projects1796396927742,
  JobStderrTail1796396927743,
  AssetTranscript1796396927744,
];
