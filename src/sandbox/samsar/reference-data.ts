/**
 * What Samsar's public catalogue routes answer, as the reference documents them
 * (GET /video/supported_models and GET /supported_fonts).
 */

export const SUPPORTED_MODELS = {
  IMAGE_MODELS: [
    {
      label: 'GPTIMAGE2',
      value: 'GPTIMAGE2',
      basePrice: 46,
    },
    {
      label: 'NANOBANANA2',
      value: 'NANOBANANA2',
      basePrice: 23,
    },
    {
      label: 'SEEDREAM',
      value: 'SEEDREAM',
      basePrice: 15,
    },
    {
      label: 'CUSTOM_TEXT_TO_IMAGE',
      value: 'CUSTOM_TEXT_TO_IMAGE',
      basePrice: 10,
    },
  ],
  VIDEO_MODELS: [
    {
      label: 'VEO3.1I2V',
      value: 'VEO3.1I2V',
      basePrice: 60,
      pricingDistribution: {
        pipeline: 4,
        inference: 4,
        image_gen_edit: 2,
        speech: 2,
        music: 2,
        effects_and_lipsync: 2,
        video: 44,
        total: 60,
        optionalAddons: {
          express_cta_generation: 1,
        },
      },
    },
    {
      label: 'VEO3.1I2VFAST',
      value: 'VEO3.1I2VFAST',
      basePrice: 36,
      pricingDistribution: {
        pipeline: 4,
        inference: 4,
        image_gen_edit: 2,
        speech: 2,
        music: 2,
        effects_and_lipsync: 2,
        video: 20,
        total: 36,
        optionalAddons: {
          express_cta_generation: 1,
        },
      },
    },
    {
      label: 'Seedance 1.5',
      value: 'SEEDANCEI2V',
      basePrice: 30,
      pricingDistribution: {
        pipeline: 4,
        inference: 4,
        image_gen_edit: 2,
        speech: 2,
        music: 2,
        effects_and_lipsync: 2,
        video: 14,
        total: 30,
        optionalAddons: {
          express_cta_generation: 1,
        },
      },
    },
    {
      label: 'KLINGIMGTOVID3PRO',
      value: 'KLINGIMGTOVID3PRO',
      basePrice: 36,
      pricingDistribution: {
        pipeline: 4,
        inference: 4,
        image_gen_edit: 2,
        speech: 2,
        music: 2,
        effects_and_lipsync: 2,
        video: 20,
        total: 36,
        optionalAddons: {
          express_cta_generation: 1,
        },
      },
    },
    {
      label: 'Happy Horse 1.0 I2V',
      value: 'HAPPYHORSEI2V',
      basePrice: 36,
      pricingDistribution: {
        pipeline: 4,
        inference: 4,
        image_gen_edit: 2,
        speech: 2,
        music: 2,
        effects_and_lipsync: 2,
        video: 20,
        total: 36,
        optionalAddons: {
          express_cta_generation: 1,
        },
      },
    },
    {
      label: 'RunwayML Gen 4.5',
      value: 'RUNWAYML',
      basePrice: 30,
      pricingDistribution: {
        pipeline: 4,
        inference: 4,
        image_gen_edit: 2,
        speech: 2,
        music: 2,
        effects_and_lipsync: 2,
        video: 14,
        total: 30,
        optionalAddons: {
          express_cta_generation: 1,
        },
      },
    },
  ],
} as const;

export const SUPPORTED_FONTS = {
  fontsByLanguage: {
    default: ['Rampart One', 'Montserrat', 'Arial', 'sans-serif'],
    en: ['Poppins', 'Montserrat', 'Arial', 'sans-serif'],
    ja: ['Noto Sans JP', 'M PLUS Rounded 1c', 'Hiragino Sans', 'Yu Gothic UI', 'sans-serif'],
    ko: ['Noto Sans KR', 'Pretendard', 'Apple SD Gothic Neo', 'Malgun Gothic', 'sans-serif'],
  },
} as const;
