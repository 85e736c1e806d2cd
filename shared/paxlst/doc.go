// Package paxlst reads and writes UN/EDIFACT PAXLST passenger lists (D02B and D05B, the
// WCO/IATA/ICAO API implementation guide's profile), the format carriers already send to border
// authorities, as paxscreen's canonical manifest.
//
// # Envelope
//
// UNA is honoured when present (any component, element, decimal, release, repetition and
// terminator characters); the defaults are ":+.? '" otherwise. Line breaks are not data: they may
// separate segments (one per line) or wrap them. A UTF-8 byte order mark and blank lines before
// the UNA or UNB are skipped (testdata/leading-blanks.edi). UNG/UNE groups are optional. Segment
// positions in findings count from 1 at the first segment of the body, UNA included, as a reader
// of the file counts them.
//
// Values are read as ISO 9735 asks senders to write them, without insignificant spaces: a code,
// date or number with leading spaces (DTM+232: 2612011030:201) is read without them and a
// warning names the element; trailing spaces are dropped silently; names, addresses and contacts
// are kept as written. A code value the decoder tells apart (a qualifier, the document type,
// sex, the COM channel) written in lowercase is read in capitals, as its code list spells it,
// with a warning: "NAD+fl" is a passenger, not a party to ignore.
//
// The UNB syntax identifier is checked: under UNOA (level A: capitals, digits, space and
// . , - ( ) / = ' + : ? ! " % & * ; < >) and UNOB (level B: printable ASCII) a character outside
// the level is a warning naming the segment and element, not an error, since carriers often
// declare UNOA and send more (testdata/unoa-utf8.edi). A body that is not UTF-8 is read as ISO
// 8859-1, silently under UNOC and with a warning otherwise (testdata/unob-latin1.edi): a letter
// read as Latin-1 is evidence, a U+FFFD is a lost letter.
//
// # Multi-part lists
//
// A list too long for one message is sent as several (the guide's UNH S010 "status of the
// transfer"): UNH+1+PAXLST:D:05B:UN:IATA+<common access reference>+01:C for the first part,
// +02, +03... for the next ones and +NN:F for the last, all with the same common access
// reference. The parts are one list of one manifest: every part's CNT+41/42 is the total of the
// whole list and is checked against the persons of every part when the last part ends
// (testdata/multipart.edi). A part out of sequence, a list without its last part or a later part
// without the first is an error: persons are missing. "01:F" or no S010 is a single message,
// whose CNT counts its own persons.
//
// A passenger or crew list whose BGM document identifier marks it as a change to one sent before
// (the US CBP guide's 745+CP, XR, RP and 250+CC, BC) holds only what changed and is refused: a
// manifest is amended by sending it whole again.
//
// # Mapping to the manifest
//
//   - NAD+MS names the reporting party: its name is the organiser's name; CTA gives the
//     emergency contact's name, COM its phone (TE) and e-mail (EM). A message without CTA has
//     the reporting party answer at that phone, so its name is the contact's unless the
//     contactName parameter gives one. Syntax level A has no '@': an e-mail address spelt with
//     ".AT." (the guide's example) or " AT " in its place gets it back. A telephone number
//     without '+' (the element separator, which the guide's examples do not release) is not
//     known to be international, and the contactPhone parameter replaces it.
//   - TDT+20: the journey identifier is the flight number; the carrier's name (C040 3128), else
//     its code, is the operator; C222 (8213) is the aircraft registration. A flight with no
//     carrier is general aviation, whose journey identifier is its registration: it is used as
//     such when neither C222 nor the aircraftRegistration parameter gives one.
//   - The places of every TDT leg, in the order written, make the journey. LOC+125 (last place
//     of departure, DTM+189) and LOC+22, which some gateways send in its stead
//     (testdata/gateway-loc22.edi), are places departed from; LOC+87 (DTM+232) a place arrived
//     at. LOC+92, a routing stop, takes its role from its date as in the guide's
//     progressive-flight examples: DTM+189 departure from it, DTM+232 arrival at it
//     (testdata/progressive-loc92.edi); with both it is departed from, with neither it is read as
//     a departure in route order (the older convention, and paxscreen's encoder's). The last
//     place departed from is the departure, the earlier ones the prior stops (at their departure
//     times), the last place arrived at the arrival: so the CBP guide's LOC+125/87 pair followed
//     by LOC+92 pairs for the continuing leg (testdata/cbp-125-87-92.edi) reads as the whole
//     journey, arriving at its end. Times are formats 201 (YYMMDDHHMM, 20YY) and 203
//     (CCYYMMDDHHMM) and are read as UTC: PAXLST carries no zone and the manifest is in UTC; the
//     guide's local times therefore come in shifted by the airport's offset.
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
//   - Read but with no field in the manifest: a person's LOC+22/178/179/180, RFF+AVF (booking reference),
//     second nationalities, an address outside the US, GEI, MEA, CPI, QTY.
//
// # What PAXLST does not carry
//
// The organiser type, regime, direction, aircraft type and seat capacity (and the registration,
// contact and schedule when the message lacks them) come from params under manifest.FlightKeys'
// names, as for CSV. The guide has LOC carry IATA airport codes, the manifest ICAO location
// indicators: the departureAirport, arrivalAirport and priorStops parameters (one ICAO code per
// prior stop, in order) replace a three-letter code, and one left is a warning at its LOC. A document's MRZ lines are not carried. Times carry whole minutes in UTC.
// An in-transit crew member (DDT) comes back from Encode as crew (FM).
package paxlst
