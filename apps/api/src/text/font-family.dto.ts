import { ApiProperty } from '@nestjs/swagger';

export class FontFamilyDto {
  @ApiProperty({ example: 'Noto Sans', description: 'The value to pass as fontFamily.' })
  name!: string;

  @ApiProperty({
    type: [String],
    example: ['regular', 'bold'],
    description: 'Faces bundled; other weights are synthesized.',
  })
  styles!: string[];

  @ApiProperty({
    type: [String],
    example: ['Latn', 'Grek', 'Cyrl'],
    description: 'ISO 15924 codes of the scripts the family is bundled for (Zsye: emoji).',
  })
  scripts!: string[];

  @ApiProperty({ example: 1028424, description: 'Total size of the font files, in bytes.' })
  sizeBytes!: number;
}

export class TextMetricsDto {
  @ApiProperty({ example: 1080, description: 'Width of the PNG in pixels (boxWidthPx).' })
  widthPx!: number;

  @ApiProperty({
    example: 154,
    description: 'Height of the PNG in pixels: boxHeightPx, or the text height when omitted.',
  })
  heightPx!: number;

  @ApiProperty({ example: 702.5, description: 'Width of the widest line, in pixels.' })
  textWidthPx!: number;

  @ApiProperty({ example: 153.6, description: 'Height of all line boxes, in pixels, without padding.' })
  textHeightPx!: number;

  @ApiProperty({ type: [String], example: ['Luxury Beauty', 'Secrets ✨'], description: 'The lines as drawn.' })
  lines!: string[];

  @ApiProperty({ example: 64, description: 'The font size used, in pixels (the auto-fit result when autoFit is set).' })
  fontSizePx!: number;

  @ApiProperty({
    description: 'True when lines were dropped (maxLines, boxHeightPx) or a character is wider than the box.',
  })
  overflow!: boolean;

  @ApiProperty({
    type: [String],
    example: [],
    description: 'Characters no available font covers; they are left out of the image instead of drawn as boxes.',
  })
  missingGlyphs!: string[];

  @ApiProperty({
    enum: ['ltr', 'rtl'],
    enumName: 'ResolvedTextDirection',
    description: 'The paragraph direction used.',
  })
  direction!: 'ltr' | 'rtl';
}
