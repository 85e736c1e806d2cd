// Package paxlst reads and writes UN/EDIFACT PAXLST passenger lists (D02B and D05B, the
// WCO/IATA/ICAO API implementation guide's profile), the format carriers already send to border
// authorities, as paxscreen's canonical manifest.
//
// # Envelope
//
// UNA is honoured when present (any component, element, decimal, release, repetition and
// terminator characters); the defaults are ":+.? '" otherwise. Line breaks are not data: they may
// separate segments (one per line) or wrap them. UNG/UNE groups are optional. Segment positions in
// findings count from 1 at the first segment of the body, UNA included, as a reader of the file
// counts them.
//
// # Mapping to the manifest
//
//   - NAD+MS names the reporting party: its name is the organiser's name; CTA gives the
//     emergency contact's name, COM its phone (TE) and e-mail (EM).
//   - TDT+20: the journey identifier is the flight number; the carrier's name (C040 3128), else
//     its code, is the operator; C222 (8213) is the aircraft registration. A flight with no
//     carrier is general aviation, whose journey identifier is its registration: it is used as
//     such when neither C222 nor the aircraftRegistration parameter gives one.
//   - LOC+92 (routing legs) and LOC+125 with DTM+189 are places of departure, in order: the last
//     is the departure, the earlier ones the prior stops. The last LOC+87 with DTM+232 is the
//     arrival. Times are formats 201 (YYMMDDHHMM, 20YY) and 203 (CCYYMMDDHHMM) and are read as
//     UTC: PAXLST carries no zone and the manifest is in UTC; the guide's local times therefore
//     come in shifted by the airport's offset.
//   - Persons: NAD+FL passenger → PAX; NAD+DDU in-transit passenger → TRANSIT; NAD+FM crew and
//     NAD+DDT in-transit crew → CREW. Surname is C080's first component, given names the others.
//     A crew member with EMP occupation (C951) "PIC" is the pilot in command (the encoder writes
//     EMP+1+CR1:110:111+PIC); a message that marks none may name the PIC by the "pic" parameter
//     (ref or 1-based position); nobody is guessed otherwise.
//   - ATT+2 sex (U is read as X); DTM+329 birth (101 YYMMDD, 102 CCYYMMDD, and for partly known
//     dates 610 CCYYMM and 602 CCYY); NAT+2 nationality (the first); LOC+174 residence;
//     RFF+ABO the person's ref. The NAD street, city, state and postcode are the US address when
//     the country is empty or USA.
//   - DOC: P passport; I, ID, A, C, M, IN identity and residence cards → I; AC crew member
//     certificate → C; T refugee travel document → R; F other travel document → T; L
//     laissez-passer → L. DOC+V (a visa) is skipped with its DTM and LOC. DTM+36 expiry, DTM+182
//     issue date (checked, not kept), LOC+91 issuing state. A six-digit year takes the century that
//     puts a birth or issue date in the past and an expiry within 30 years of the flight.
//   - paxscreen's own convention, which other receivers ignore: FTX+ACB++GUARDIAN+<ref> names a
//     minor's guardian, FTX+ACB++LAPINFANT marks a lap infant, and FTX+ACB++DOCHOLDER+<ref>
//     after a DOC (and its DTM and LOC) names the holder of that document, for a person who
//     travels on another's (a child inscribed in a parent's passport).
//   - Read but with no field in the manifest: LOC+22/178/179/180, RFF+AVF (booking reference),
//     second nationalities, an address outside the US, GEI, MEA, CPI, QTY.
//
// # What PAXLST does not carry
//
// The organiser type, regime, direction, aircraft type and seat capacity (and the registration,
// contact and schedule when the message lacks them) come from params under manifest.FlightKeys'
// names, as for CSV. A document's MRZ lines are not carried. Times carry whole minutes in UTC.
// An in-transit crew member (DDT) comes back from Encode as crew (FM).
package paxlst
