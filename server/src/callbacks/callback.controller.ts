import { Controller, Get, HttpCode, Param, Post, Query, Req, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../admin/auth/auth.decorators';
import { CallbackIngestService } from './callback-ingest.service';

/**
 * The URL configured in WeCom's admin console: `PUBLIC_BASE_URL/wecom/callback/<CorpID>`.
 * GET answers the URL verification; POST stores the event and answers 200 with an empty body
 * (WeCom: "直接返回200（即以空串为返回包）"), which WeCom takes as received.
 */
@ApiExcludeController()
@Public()
@Controller('wecom/callback')
export class CallbackController {
  constructor(private readonly ingest: CallbackIngestService) {}

  @Get(':corpId')
  @Header('content-type', 'text/plain; charset=utf-8')
  verify(@Param('corpId') corpId: string, @Query() query: Record<string, string>): Promise<string> {
    return this.ingest.verifyUrl(corpId, query);
  }

  @Post(':corpId')
  @HttpCode(200)
  @Header('content-type', 'text/plain; charset=utf-8')
  async receive(
    @Param('corpId') corpId: string,
    @Query() query: Record<string, string>,
    @Req() req: Request,
  ) {
    await this.ingest.receive(corpId, query, req.body);
    return '';
  }
}
