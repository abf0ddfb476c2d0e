import { Controller, Get, Head, HttpException, HttpStatus, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '@reelforge/contracts';
import { contentTypeOf, ObjectStorage, type SignedGrant, SignedLinks } from '@reelforge/storage';
import { type Request, type Response } from 'express';
import { ApiErrorDto } from '../http/api-error.dto.js';
import { sendStoredFile } from '../http/send-stored-file.js';

/** Files of an HLS package: playlists and segments, flat in the package directory. */
const PACKAGE_FILE = /^[A-Za-z0-9_-]{1,64}\.(m3u8|ts|m4s|mp4)$/;
/** A segment redirect must not outlive the token that led to it, nor be shorter than a slow player needs. */
const MIN_REDIRECT_SEC = 60;

function forbidden(message: string): HttpException {
  return new HttpException({ statusCode: HttpStatus.FORBIDDEN, error: 'forbidden', message }, HttpStatus.FORBIDDEN);
}

/**
 * Links issued by GET /v1/variants/:id/url and /v1/assets/:id/url: no API key, the token is the
 * authority. A package token grants every file of its HLS package, so the relative URIs inside the
 * playlists resolve to links that carry the same token and expire with it. Tokens travel in the path,
 * not the query, so players that drop or rewrite query strings on relative URIs still work.
 */
@ApiTags('Signed links')
@Controller('v1/signed')
export class SignedFilesController {
  constructor(
    private readonly storage: ObjectStorage,
    private readonly links: SignedLinks,
  ) {}

  @Get(':token/:name')
  @ApiOkResponse({ description: 'The file, with Range support; a 302 to the object store for HLS segments on S3.' })
  @ApiForbiddenResponse({ type: ApiErrorDto, description: 'Expired, altered or unknown link' })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'The file was deleted, or is not part of the package' })
  get(
    @Param('token') token: string,
    @Param('name') name: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    return this.serve(token, name, request, response);
  }

  @Head(':token/:name')
  @ApiExcludeEndpoint()
  head(
    @Param('token') token: string,
    @Param('name') name: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    return this.serve(token, name, request, response);
  }

  private async serve(token: string, name: string, request: Request, response: Response): Promise<void> {
    const grant = this.verify(token);
    const remainingSec = Math.max(1, Math.floor(grant.expiresAtSec - Date.now() / 1000));
    if (!grant.package) {
      await sendStoredFile(
        request,
        response,
        {
          key: grant.key,
          mime: grant.contentType ?? contentTypeOf(grant.key),
          fileName: grant.fileName ?? name,
          cacheMaxAgeSec: remainingSec,
        },
        this.storage,
      );
      return;
    }

    const match = PACKAGE_FILE.exec(name);
    if (!match) throw new NotFoundError('file', name);
    const key = `${grant.key}/${name}`;
    if (match[1] !== 'm3u8') {
      // Segments are most of the bytes: let the object store serve them when it can.
      const presigned = await this.storage.presign(key, {
        expiresInSec: Math.max(MIN_REDIRECT_SEC, remainingSec),
        contentType: contentTypeOf(key),
      });
      if (presigned !== null) {
        response.setHeader('Cache-Control', 'no-store');
        response.redirect(HttpStatus.FOUND, presigned);
        return;
      }
    }
    await sendStoredFile(
      request,
      response,
      { key, mime: contentTypeOf(key), fileName: name, cacheMaxAgeSec: remainingSec },
      this.storage,
    );
  }

  private verify(token: string): SignedGrant {
    const verdict = this.links.verify(token);
    if (verdict.ok) return verdict.grant;
    throw forbidden(verdict.why === 'expired' ? 'The link has expired' : 'The link is not valid');
  }
}
