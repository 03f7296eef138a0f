/**
 * The voice of the customer: complaints, suggestions and compliments, counted by category,
 * channel, segment and month, with the share answered and the time to answer where the data
 * has it. Pure types; the SQL is in data/sql/voice-sql.ts.
 */

import type { Notice } from './notice.js';

export const VOICE_KINDS = ['complaint', 'suggestion', 'compliment'] as const;
export type VoiceKind = (typeof VOICE_KINDS)[number];

/** Counts of one key (a category, channel, segment or YYYY-MM month) per kind. */
export interface VoiceCount {
  key: string;
  /** Per kind; 0 where none. */
  counts: Record<VoiceKind, number>;
  total: number;
  /** Of the total, how many were answered; null when the data does not say. */
  answered: number | null;
  /** Median days from the feedback date to the answer, over answered ones with both dates; null when unknown. */
  medianDaysToAnswer: number | null;
}

/** One piece of feedback as written (text is data: render as text, never HTML). */
export interface VoiceItem {
  /** Null for feedback with no customer id. */
  customer_id: string | null;
  date: string | null;
  kind: VoiceKind;
  category: string | null;
  channel: string | null;
  text: string | null;
  answered: boolean | null;
}

export interface VoiceResult {
  total: number;
  byKind: Record<VoiceKind, number>;
  /** Most first; a missing category is the key "(none)". */
  byCategory: VoiceCount[];
  byChannel: VoiceCount[];
  /** By RFM segment of the customer (the current scoring); null before a scoring or without orders. */
  bySegment: VoiceCount[] | null;
  /** Calendar months in order, gaps filled with zeros; undated feedback is left out here (and said in messages). */
  byMonth: VoiceCount[];
  /** Over all three kinds; null when the data says nothing of answers. */
  answered: { share: number; medianDaysToAnswer: number | null } | null;
  /** The latest pieces with text, newest first (up to `recent` of the request, default 20). */
  recent: VoiceItem[];
  /** What the figures leave out or cannot tell, in English sentences (the command line prints them). */
  messages: string[];
  /**
   * The same notes as notices, one per message (`notices[i].text === messages[i]`), for the
   * interface to say in the reader's language. Absent on results made by hand, whose messages
   * are then shown as written.
   */
  notices?: Notice[];
}

export interface VoiceRequest {
  /** Only these kinds (default all three). */
  kinds?: VoiceKind[];
  /** How many recent texts to return (default 20). */
  recent?: number;
}
