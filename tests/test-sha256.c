/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "liaison-sha256-private.h"

/* The export's SHA-256 gives GChecksum's digests, with or without the CPU's SHA
 * instructions, at every length around the 64-byte blocks and their padding. */

static void
assert_same_as_gchecksum (const guint8 *data,
                          gsize         length)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 expected[LIAISON_SHA256_LENGTH];
  guint8 actual[LIAISON_SHA256_LENGTH];
  gsize expected_length = sizeof expected;

  g_checksum_update (checksum, data, (gssize) length);
  g_checksum_get_digest (checksum, expected, &expected_length);
  _liaison_sha256 (data, length, actual);

  if (memcmp (expected, actual, sizeof expected) != 0)
    g_error ("SHA-256 of %" G_GSIZE_FORMAT " bytes differs from GChecksum's", length);
}

static void
test_sha256_matches_gchecksum (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (6);
  g_autofree guint8 *data = g_malloc (4096);

  for (gsize i = 0; i < 4096; i++)
    data[i] = (guint8) g_rand_int_range (rand, 0, 256);

  for (gsize length = 0; length <= 300; length++)
    assert_same_as_gchecksum (data, length);
  assert_same_as_gchecksum (data, 4096);
  assert_same_as_gchecksum (data + 1, 1000);  /* not aligned */
}

static void
test_sha256_known_digest (void)
{
  /* FIPS 180-2, appendix B.1: "abc". */
  static const guint8 abc[LIAISON_SHA256_LENGTH] = {
    0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23,
    0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad,
  };
  guint8 digest[LIAISON_SHA256_LENGTH];

  _liaison_sha256 ("abc", 3, digest);
  g_assert_true (memcmp (digest, abc, sizeof abc) == 0);
  g_test_message ("SHA instructions: %s", _liaison_sha256_is_accelerated () ? "used" : "not available");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/liaison/sha256/matches-gchecksum", test_sha256_matches_gchecksum);
  g_test_add_func ("/liaison/sha256/known-digest", test_sha256_known_digest);

  return g_test_run ();
}
