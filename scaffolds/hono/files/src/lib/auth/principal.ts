// Who is calling, as the verified token says.
export interface Principal {
  userId: string;
  permissions: string[];
}
