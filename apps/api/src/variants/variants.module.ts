import { Module } from '@nestjs/common';
import { AssetsModule } from '../assets/assets.module.js';
import { LinksModule } from '../links/links.module.js';
import { VariantsController } from './variants.controller.js';

@Module({ imports: [AssetsModule, LinksModule], controllers: [VariantsController] })
export class VariantsModule {}
