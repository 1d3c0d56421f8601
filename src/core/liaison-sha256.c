/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "liaison-sha256"

#include "config.h"

#include <string.h>

#include "liaison-sha256-private.h"

/*
 * The export digests every record it writes (see _liaison_record_view_digest()), and
 * GChecksum's portable SHA-256 was a fifth of its time.  x86-64 processors with the
 * SHA extensions (Intel since Goldmont and Ice Lake, AMD since Zen) compute the rounds
 * in hardware: sha256rnds2 does two rounds on the state held as ABEF/CDGH, and
 * sha256msg1/sha256msg2 extend the message schedule four words at a time (FIPS 180-4,
 * section 6.2.2).  Elsewhere, or on a processor without them, GChecksum does the work.
 * tests/test-sha256.c holds both to the same digests.
 */

#if defined(__x86_64__) && defined(__GNUC__)
#define HAVE_SHA_NI 1
#include <cpuid.h>
#include <immintrin.h>
#endif

#ifdef HAVE_SHA_NI

static const guint32 round_constants[64] = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* Compresses @n_blocks blocks of 64 bytes into @state (a…h, as FIPS 180-4 names them). */
__attribute__ ((target ("sha,sse4.1,ssse3")))
static void
compress_sha_ni (guint32       state[8],
                 const guint8 *data,
                 gsize         n_blocks)
{
  /* Each 32-bit word of the message is big-endian. */
  const __m128i swap = _mm_set_epi8 (12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3);
  __m128i abcd = _mm_loadu_si128 ((const __m128i *) &state[0]);
  __m128i efgh = _mm_loadu_si128 ((const __m128i *) &state[4]);
  __m128i abef, cdgh;

  /* The instructions keep the state as (a, b, e, f) and (c, d, g, h), a and c in the
   * highest lane. */
  /* (Lanes from the lowest.) */
  abcd = _mm_shuffle_epi32 (abcd, 0xb1);  /* b a d c */
  efgh = _mm_shuffle_epi32 (efgh, 0x1b);  /* h g f e */
  abef = _mm_alignr_epi8 (abcd, efgh, 8); /* f e b a */
  cdgh = _mm_blend_epi16 (efgh, abcd, 0xf0); /* h g d c */

  for (; n_blocks > 0; n_blocks--, data += 64)
    {
      __m128i saved_abef = abef;
      __m128i saved_cdgh = cdgh;
      __m128i w[4];  /* the last 16 words of the schedule, four to a vector */

      for (guint i = 0; i < 16; i++)
        {
          __m128i words, sum;

          if (i < 4)
            words = _mm_shuffle_epi8 (_mm_loadu_si128 ((const __m128i *) (data + 16 * i)), swap);
          else
            {
              /* W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16], four at a time. */
              __m128i older = _mm_sha256msg1_epu32 (w[i % 4], w[(i + 1) % 4]);
              __m128i seventh = _mm_alignr_epi8 (w[(i + 3) % 4], w[(i + 2) % 4], 4);

              words = _mm_sha256msg2_epu32 (_mm_add_epi32 (older, seventh), w[(i + 3) % 4]);
            }
          w[i % 4] = words;

          sum = _mm_add_epi32 (words, _mm_loadu_si128 ((const __m128i *) &round_constants[4 * i]));
          cdgh = _mm_sha256rnds2_epu32 (cdgh, abef, sum);
          abef = _mm_sha256rnds2_epu32 (abef, cdgh, _mm_shuffle_epi32 (sum, 0x0e));
        }

      abef = _mm_add_epi32 (abef, saved_abef);
      cdgh = _mm_add_epi32 (cdgh, saved_cdgh);
    }

  abef = _mm_shuffle_epi32 (abef, 0x1b);      /* a b e f */
  cdgh = _mm_shuffle_epi32 (cdgh, 0xb1);      /* g h c d */
  abcd = _mm_blend_epi16 (abef, cdgh, 0xf0);  /* a b c d */
  efgh = _mm_alignr_epi8 (cdgh, abef, 8);     /* e f g h */
  _mm_storeu_si128 ((__m128i *) &state[0], abcd);
  _mm_storeu_si128 ((__m128i *) &state[4], efgh);
}

static gboolean
detect_sha_ni (void)
{
  unsigned int eax, ebx, ecx, edx;

  if (!__get_cpuid (1, &eax, &ebx, &ecx, &edx) ||
      (ecx & bit_SSE4_1) == 0 || (ecx & bit_SSSE3) == 0)
    return FALSE;
  if (!__get_cpuid_count (7, 0, &eax, &ebx, &ecx, &edx))
    return FALSE;
  return (ebx & bit_SHA) != 0;
}

static void
sha256_sha_ni (const guint8 *data,
               gsize         length,
               guint8        digest[LIAISON_SHA256_LENGTH])
{
  guint32 state[8] = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  };
  guint8 tail[128] = { 0, };
  gsize full = length / 64 * 64;
  gsize rest = length - full;
  gsize tail_length = rest + 9 <= 64 ? 64 : 128;
  guint64 bits = (guint64) length * 8;

  compress_sha_ni (state, data, length / 64);

  /* The padding: a 1 bit, zeros, and the length in bits, big-endian. */
  memcpy (tail, data + full, rest);
  tail[rest] = 0x80;
  for (guint i = 0; i < 8; i++)
    tail[tail_length - 1 - i] = (guint8) (bits >> (8 * i));
  compress_sha_ni (state, tail, tail_length / 64);

  for (guint i = 0; i < 8; i++)
    {
      digest[4 * i] = (guint8) (state[i] >> 24);
      digest[4 * i + 1] = (guint8) (state[i] >> 16);
      digest[4 * i + 2] = (guint8) (state[i] >> 8);
      digest[4 * i + 3] = (guint8) state[i];
    }
}

#endif

/* Whether _liaison_sha256() uses the CPU's SHA instructions. */
gboolean
_liaison_sha256_is_accelerated (void)
{
#ifdef HAVE_SHA_NI
  static gsize detected = 0;
  static gboolean accelerated = FALSE;

  if (g_once_init_enter (&detected))
    {
      accelerated = detect_sha_ni () && g_getenv ("LIAISON_NO_SHA_NI") == NULL;
      g_once_init_leave (&detected, 1);
    }
  return accelerated;
#else
  return FALSE;
#endif
}

void
_liaison_sha256 (const void *data,
                 gsize       length,
                 guint8      digest[LIAISON_SHA256_LENGTH])
{
  g_autoptr(GChecksum) checksum = NULL;
  gsize digest_length = LIAISON_SHA256_LENGTH;

#ifdef HAVE_SHA_NI
  if (_liaison_sha256_is_accelerated ())
    {
      sha256_sha_ni (data, length, digest);
      return;
    }
#endif

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, data, (gssize) length);
  g_checksum_get_digest (checksum, digest, &digest_length);
}
