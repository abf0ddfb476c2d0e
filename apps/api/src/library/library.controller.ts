import { Controller, Get, Logger } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiKeyScope, type ProbeFacts } from '@reelforge/contracts';
import { classifyMedia } from '@reelforge/media';
import { MediaTools } from '@reelforge/media/nest';
import { LibraryCatalog, type LibraryCategory, type LibraryItem } from '@reelforge/storage';
import { Authenticated } from '../auth/authenticated.decorator.js';

export class LibraryItemDto {
  @ApiProperty({ example: 'overlays/sparkles.png', description: 'Use as `{"library": "<ref>"}` in operations.' })
  ref!: string;

  @ApiProperty({ example: 'sparkles.png', description: 'The file name.' })
  name!: string;

  @ApiProperty({ example: 'image', description: 'video, image or audio, from the probe.' })
  kind!: string;

  @ApiProperty({ example: 'image/png', description: 'From the probed container.' })
  mime!: string;

  @ApiProperty({ example: 29761, description: 'Size in bytes.' })
  sizeBytes!: number;

  @ApiProperty({ nullable: true, type: Number, example: 4, description: 'Seconds; null for stills.' })
  durationSec!: number | null;

  @ApiProperty({ nullable: true, type: Number, example: 512, description: 'Pixels.' })
  width!: number | null;

  @ApiProperty({ nullable: true, type: Number, example: 512, description: 'Pixels.' })
  height!: number | null;

  @ApiProperty({ description: 'Has an audio stream.' })
  hasAudio!: boolean;
}

/**
 * The bundled, read-only library. Facts come from ffprobe once per file and process: the library
 * changes only with a deployment.
 */
@ApiTags('Library')
@Controller('v1/library')
export class LibraryController {
  private readonly logger = new Logger(LibraryController.name);
  private readonly facts = new Map<string, Promise<ProbeFacts | null>>();

  constructor(
    private readonly catalog: LibraryCatalog,
    private readonly media: MediaTools,
  ) {}

  @Get('overlays')
  @Authenticated(ApiKeyScope.AssetsRead)
  @ApiOkResponse({ type: [LibraryItemDto], description: 'Images and videos to lay over a video.' })
  overlays(): Promise<LibraryItemDto[]> {
    return this.listing('overlays');
  }

  @Get('frames')
  @Authenticated(ApiKeyScope.AssetsRead)
  @ApiOkResponse({ type: [LibraryItemDto], description: 'Frame PNGs with transparent centres.' })
  frames(): Promise<LibraryItemDto[]> {
    return this.listing('frames');
  }

  @Get('audio')
  @Authenticated(ApiKeyScope.AssetsRead)
  @ApiOkResponse({ type: [LibraryItemDto], description: 'Audio beds.' })
  audio(): Promise<LibraryItemDto[]> {
    return this.listing('audio');
  }

  @Get('styles')
  @Authenticated(ApiKeyScope.AssetsRead)
  @ApiOkResponse({ type: [LibraryItemDto], description: 'Style clips for the style-clip template.' })
  styles(): Promise<LibraryItemDto[]> {
    return this.listing('styles');
  }

  private async listing(category: LibraryCategory): Promise<LibraryItemDto[]> {
    const items = await this.catalog.list(category);
    const described = await Promise.all(items.map((item) => this.describe(item)));
    return described.filter((item): item is LibraryItemDto => item !== null);
  }

  private async describe(item: LibraryItem): Promise<LibraryItemDto | null> {
    let pending = this.facts.get(item.path);
    if (!pending) {
      pending = this.media.probe(item.path).catch((error: unknown) => {
        this.logger.warn(`Library item ${item.ref} is not usable media: ${String(error)}`);
        return null;
      });
      this.facts.set(item.path, pending);
    }
    const facts = await pending;
    if (!facts) return null;
    const { kind, mime } = classifyMedia(facts);
    return {
      ref: item.ref,
      name: item.name,
      kind,
      mime,
      sizeBytes: item.sizeBytes,
      durationSec: facts.durationSec,
      width: facts.width,
      height: facts.height,
      hasAudio: facts.hasAudio,
    };
  }
}
