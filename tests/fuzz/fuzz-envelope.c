/* fuzz-envelope.c
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* libFuzzer target for the code that first meets a file's bytes: the
 * envelope parser and the recovery-key parser.
 *
 * The first input byte picks a mode.  In mode 1 the magic and both copies'
 * checksums are made right before parsing, so the fuzzer reaches the slot
 * parser instead of stopping at the checksum. */

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "pw-crypto.h"
#include "pw-envelope.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
repair_copies (guint8 *buf, gsize len)
{
  static const guint8 magic[8] = { 0x89, 'P', 'A', 'T', 'H', 'W', 'A', 'Y' };

  for (gsize i = 0; i < 2 && (i + 1) * PW_ENVELOPE_COPY_SIZE <= len; i++)
    {
      guint8 *copy = buf + i * PW_ENVELOPE_COPY_SIZE;

      memcpy (copy, magic, sizeof magic);
      copy[10] = (guint8) i;
      copy[11] = 0;
      crypto_generichash (copy + PW_ENVELOPE_COPY_SIZE - 32, 32, copy,
                          PW_ENVELOPE_COPY_SIZE - 32, NULL, 0);
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autofree guint8 *buf = NULL;
  GError *error = NULL;
  PwEnvelope env;

  if (size < 1)
    return 0;
  pw_crypto_init ();
  buf = g_malloc (size);
  memcpy (buf, data + 1, size - 1);
  switch (data[0] % 3)
    {
    case 0:
      pw_envelope_parse (buf, size - 1, &env, &error);
      break;
    case 1:
      repair_copies (buf, size - 1);
      pw_envelope_parse (buf, size - 1, &env, &error);
      break;
    default:
      {
        g_autofree char *text = g_strndup ((const char *) buf, size - 1);
        guint8 raw[PW_RECOVERY_RAW_BYTES];

        pw_recovery_key_parse (text, raw, &error);
      }
      break;
    }
  g_clear_error (&error);
  return 0;
}
