import { Module } from '@nestjs/common';
import { AssetsModule } from '../assets/assets.module.js';
import { VariantsController } from './variants.controller.js';

@Module({ imports: [AssetsModule], controllers: [VariantsController] })
export class VariantsModule {}
